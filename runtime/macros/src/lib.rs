//! What generated models crates need beside serde: the conversions of their enums
//! ([`string_enum!`], [`int_enum!`]) and [`Nullable`], the type of a property that may be absent,
//! `null` or a value.
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
//! The macros expand to `std` items only; the crate's one dependency is `serde` (without its
//! default features), for [`Nullable`].

#![no_std]

mod nullable;

pub use nullable::Nullable;

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
