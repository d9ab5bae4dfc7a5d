//! What generated models crates need beside serde: the conversions of their enums
//! ([`string_enum!`], [`int_enum!`]), the serde impls of their structs ([`object!`]) and
//! [`Nullable`], the type of a property that may be absent, `null` or a value.
//!
//! A generated models crate writes out each enum with its docs and derives, and then one line
//! that supplies the conversions every such enum has, instead of repeating them per type:
//!
//! ```
//! /// How a token may be used.
//! #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
//! #[serde(from = "String", into = "String")]
//! pub enum Status {
//!     /// `active`
//!     Active,
//!     /// `disabled`
//!     Disabled,
//!     /// A value this version of the crate does not know; kept as received.
//!     Unknown(String),
//! }
//!
//! api_macros::string_enum!(Status { Active("active"), Disabled("disabled") });
//!
//! assert_eq!(Status::Active.as_str(), "active");
//! assert_eq!(Status::from("expired".to_string()), Status::Unknown("expired".into()));
//! assert_eq!(serde_json::to_string(&Status::Disabled).unwrap(), "\"disabled\"");
//! assert_eq!(serde_json::from_str::<Status>("\"new\"").unwrap().to_string(), "new");
//! ```
//!
//! The macros expand to `std` items, serde's traits and this crate's helpers only; the crate's
//! one dependency is `serde` (without its default features), for [`Nullable`] and [`object!`].

#![no_std]

mod nullable;
#[doc(hidden)]
pub mod object;

pub use nullable::Nullable;

#[doc(hidden)]
pub use serde as __serde;

/// Implements `as_str`, `Display`, `From<String>` and `From<Enum> for String` for an enum
/// whose last variant is `Unknown(String)`. Each `Variant("value")` maps a variant to its
/// wire value; any other string becomes `Unknown`, kept as received.
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident($value:literal)),* $(,)? }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(other) => other,
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::core::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                match value {
                    $name::Unknown(other) => other,
                    known => ::std::borrow::ToOwned::to_owned(known.as_str()),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Implements `value`, `Display`, `From<i64>` and `From<Enum> for i64` for a `Copy` enum whose
/// last variant is `Unknown(i64)`. Each `Variant(number)` maps a variant to its wire
/// value; any other number becomes `Unknown`.
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// #[serde(from = "i64", into = "i64")]
/// pub enum Priority {
///     Low,
///     High,
///     Unknown(i64),
/// }
///
/// api_macros::int_enum!(Priority { Low(1), High(5) });
///
/// assert_eq!(Priority::High.value(), 5);
/// assert_eq!(Priority::from(3), Priority::Unknown(3));
/// assert_eq!(serde_json::from_str::<Priority>("1").unwrap(), Priority::Low);
/// assert_eq!(Priority::Unknown(7).to_string(), "7");
/// ```
#[macro_export]
macro_rules! int_enum {
    ($name:ident { $($variant:ident($value:literal)),* $(,)? }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(other) => other,
                }
            }
        }

        impl ::core::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::core::convert::From<$name> for i64 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{}", self.value())
            }
        }
    };
}

/// Implements `serde::Serialize` and `serde::Deserialize` for a struct with named fields, as
/// the serde derives would with `rename`, `skip_serializing_if` and `default` on its fields, in
/// a fraction of the code: one `visit_map`, with each field read and written by a function
/// shared by every struct, and no `?` per field (the first error is kept and returned at the
/// end), since the size of these bodies is what a crate of thousands of structs pays for most.
///
/// Each entry is `field("wireName", index) kind`, where the index is the entry's position
/// (0, 1, …; a key is matched by its position, which is less code than matching names) and
/// the kind is
/// - `req`: a required property (missing is the error `missing field `wireName``);
/// - `opt`: an `Option`, left out when `None`, `None` when missing or `null`;
/// - `null`: an `Option` written as `null` when `None`, `None` when missing or `null`;
/// - `tri`: a [`Nullable`], left out when `Absent`, `Absent` when missing.
///
/// Reading accepts only an object (not the sequence form the derives also accept), skips
/// properties it does not know, and rejects a property given twice (`duplicate field`), as the
/// derives do.
///
/// ```
/// use api_macros::Nullable;
///
/// #[derive(Debug, PartialEq)]
/// pub struct Note {
///     pub id: u64,
///     pub title: Option<String>,
///     pub due_at: Option<String>,
///     pub body: Nullable<String>,
/// }
///
/// api_macros::object!(Note { id("id", 0) req, title("title", 1) opt, due_at("dueAt", 2) null, body("body", 3) tri });
///
/// let note: Note = serde_json::from_str(r#"{"id": 1, "body": null, "other": [1]}"#).unwrap();
/// assert_eq!(note, Note { id: 1, title: None, due_at: None, body: Nullable::Null });
/// assert_eq!(serde_json::to_string(&note).unwrap(), r#"{"id":1,"dueAt":null,"body":null}"#);
///
/// let err = serde_json::from_str::<Note>(r#"{"title": "x"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "missing field `id` at line 1 column 14");
/// ```
#[macro_export]
macro_rules! object {
    ($name:ident { $($field:ident($wire:literal, $index:literal) $kind:ident),* $(,)? }) => {
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let len = $crate::object::count(&[$($crate::object::$kind::len(&self.$field)),*]);
                let mut writer = $crate::object::Writer::new(serializer, ::core::stringify!($name), len)?;
                $($crate::object::$kind::ser(&mut writer, $wire, &self.$field);)*
                writer.end()
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                const __FIELDS: &[&str] = &[$($wire),*];
                struct __ObjectVisitor;
                impl<'de> $crate::__serde::de::Visitor<'de> for __ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(::core::concat!("struct ", ::core::stringify!($name)))
                    }
                    // `__A`, not `A`: a model may be named `A`.
                    fn visit_map<__A: $crate::__serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<$name, __A::Error> {
                        $(let mut $field = ::core::option::Option::None;)*
                        let mut reader = $crate::object::Reader::new(&mut map, __FIELDS);
                        while let ::core::option::Option::Some(index) = reader.next_field() {
                            match index {
                                $($index => reader.put(&mut $field, $wire),)*
                                _ => {}
                            }
                        }
                        reader.finish()?;
                        ::core::result::Result::Ok($name { $($field: $crate::__object_field!($kind $field $wire)),* })
                    }
                }
                deserializer.deserialize_struct(::core::stringify!($name), __FIELDS, __ObjectVisitor)
            }
        }
    };
}

/// The value of one field of [`object!`] once its object is read: a required one returns
/// `missing field` from `visit_map` when it is absent (a `match`, which is less code for the
/// compiler than `?`); the others cannot fail.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_field {
    (req $field:ident $wire:literal) => {
        match $field {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => return ::core::result::Result::Err($crate::object::missing($wire)),
        }
    };
    ($kind:ident $field:ident $wire:literal) => {
        $crate::object::$kind::get($field)
    };
}
