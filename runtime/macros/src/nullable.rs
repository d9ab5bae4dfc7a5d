//! [`Nullable`]: a property that may be absent, `null`, or a value.

use core::ops::Deref;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional property that may also be `null`: the three states a JSON object can give it.
///
/// `Option<T>` cannot tell "leave it alone" from "clear it", which a PATCH body must. Generated
/// models use `Nullable<T>` for a property that is neither required nor non-nullable, as
///
/// ```
/// # use api_macros::Nullable;
/// #[derive(Default, serde::Serialize, serde::Deserialize)]
/// pub struct NotePatch {
///     #[serde(default, skip_serializing_if = "api_macros::Nullable::is_absent")]
///     pub title: Nullable<String>,
/// }
///
/// let json = |title| serde_json::to_string(&NotePatch { title }).unwrap();
/// assert_eq!(json(Nullable::Absent), r#"{}"#);
/// assert_eq!(json(Nullable::Null), r#"{"title":null}"#);
/// assert_eq!(json("Groceries".to_string().into()), r#"{"title":"Groceries"}"#);
///
/// let read = |text| serde_json::from_str::<NotePatch>(text).unwrap().title;
/// assert_eq!(read("{}"), Nullable::Absent);
/// assert_eq!(read(r#"{"title":null}"#), Nullable::Null);
/// assert_eq!(read(r#"{"title":"Groceries"}"#), Nullable::Value("Groceries".to_string()));
/// ```
///
/// The field's `#[serde(default)]` reads a missing property as [`Nullable::Absent`] and
/// `skip_serializing_if` leaves it out; on its own (outside such a field) `Absent` serializes as
/// `null`, like `Null`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// The property is not there: omitted when sent (the default).
    #[default]
    Absent,
    /// The property is `null`.
    Null,
    /// The property has a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is absent: what `skip_serializing_if` asks.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert!(Nullable::<u8>::Absent.is_absent());
    /// assert!(!Nullable::<u8>::Null.is_absent());
    /// ```
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the property is `null`.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert!(Nullable::<u8>::Null.is_null());
    /// assert!(!Nullable::Value(1).is_null());
    /// ```
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Whether the property has a value.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert!(Nullable::Value(1).is_value());
    /// assert!(!Nullable::<u8>::Absent.is_value());
    /// ```
    pub const fn is_value(&self) -> bool {
        matches!(self, Self::Value(_))
    }

    /// The value, if there is one (absent and `null` both give `None`).
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert_eq!(Nullable::Value(3).value(), Some(&3));
    /// assert_eq!(Nullable::<u8>::Null.value(), None);
    /// ```
    pub const fn value(&self) -> Option<&T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, taking it out (absent and `null` both give `None`).
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert_eq!(Nullable::Value("a".to_string()).into_option(), Some("a".to_string()));
    /// assert_eq!(Nullable::<String>::Absent.into_option(), None);
    /// ```
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The same state, borrowing the value.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// let name = Nullable::Value("a".to_string());
    /// assert_eq!(name.as_ref(), Nullable::Value(&"a".to_string()));
    /// ```
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(v) => Nullable::Value(v),
        }
    }

    /// The same state, borrowing the value mutably.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// let mut count = Nullable::Value(1);
    /// if let Nullable::Value(n) = count.as_mut() {
    ///     *n += 1;
    /// }
    /// assert_eq!(count, Nullable::Value(2));
    /// ```
    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(v) => Nullable::Value(v),
        }
    }

    /// The value through `Deref` (a `&str` from a `Nullable<String>`), if there is one.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert_eq!(Nullable::Value("a".to_string()).as_deref(), Some("a"));
    /// assert_eq!(Nullable::<String>::Null.as_deref(), None);
    /// ```
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: Deref,
    {
        self.value().map(Deref::deref)
    }

    /// An iterator over the value: one item or none, as `Option::iter`.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// let tags = Nullable::Value(vec!["a", "b"]);
    /// assert_eq!(tags.iter().flatten().count(), 2);
    /// ```
    pub fn iter(&self) -> core::option::IntoIter<&T> {
        self.value().into_iter()
    }

    /// Maps the value, keeping absent and `null` as they are.
    ///
    /// ```
    /// # use api_macros::Nullable;
    /// assert_eq!(Nullable::Value(2).map(|n| n * 10), Nullable::Value(20));
    /// assert_eq!(Nullable::<u8>::Null.map(|n| n * 10), Nullable::Null);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(v) => Nullable::Value(f(v)),
        }
    }
}

/// A value.
///
/// ```
/// # use api_macros::Nullable;
/// let title: Nullable<String> = "Groceries".to_string().into();
/// assert_eq!(title, Nullable::Value("Groceries".to_string()));
/// ```
impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

/// `Some` is a value and `None` is `null`: an `Option` always says something.
///
/// ```
/// # use api_macros::Nullable;
/// assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
/// assert_eq!(Nullable::<u8>::from(None), Nullable::Null);
/// ```
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Self::Value(v),
            None => Self::Null,
        }
    }
}

/// `null` for absent and `null`, else the value.
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(v) => serializer.serialize_some(v),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

/// `null` is [`Nullable::Null`], anything else a value. A missing property never reaches
/// this: the field's `#[serde(default)]` makes it [`Nullable::Absent`].
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::Nullable;
    use std::string::{String, ToString};

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        any: Nullable<serde_json::Value>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        name: Nullable<String>,
    }

    /// `null` is `Null` even when the value type could hold a JSON `null` itself.
    #[test]
    fn json_values_tell_null_apart() {
        let read: Patch = serde_json::from_str(r#"{"any":null,"name":"x"}"#).unwrap();
        assert_eq!(read, Patch { any: Nullable::Null, name: Nullable::Value("x".into()) });
        let read: Patch = serde_json::from_str(r#"{"any":{"a":1}}"#).unwrap();
        assert_eq!(read.any, Nullable::Value(serde_json::json!({"a": 1})));
        assert_eq!(read.name, Nullable::Absent);
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"any":{"a":1}}"#);
    }

    /// A wrong type is an error, not a silent `Absent`.
    #[test]
    fn wrong_types_are_errors() {
        let err = serde_json::from_str::<Patch>(r#"{"name":1}"#).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
        assert_eq!(serde_json::to_string(&Nullable::<String>::Absent).unwrap(), "null");
        assert_eq!("a".to_string(), Nullable::Value("a".to_string()).into_option().unwrap());
    }
}
