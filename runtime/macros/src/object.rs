//! The shared, non-repeated parts of [`object!`](crate::object!): what each field kind does
//! when a struct is read or written, and the key type that matches a property name.
//!
//! Everything here is called from the macro's expansion; it is public only for that.

use core::fmt;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

/// The property names of a struct, matched against each key of the object being read: the
/// key's name when it is one of them, `None` for any other key (its value is skipped).
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|name| *name == v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|name| name.as_bytes() == v))
    }

    /// The field at that position, as the serde derives read it (never from JSON).
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(v).ok().and_then(|i| self.0.get(i).copied()))
    }
}

/// Reads the value of a property into its slot; a property given twice is an error, as with
/// the serde derives.
pub fn put<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a property the struct does not have.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// A required property: missing is an error naming it; always written.
pub mod req {
    use super::*;

    /// The value read, or `missing field `name``.
    pub fn get<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(name))
    }

    /// 1: the property is always written.
    pub fn len<T>(_: &T) -> usize {
        1
    }

    /// Writes the property.
    pub fn ser<S: SerializeStruct, T: Serialize + ?Sized>(s: &mut S, name: &'static str, value: &T) -> Result<(), S::Error> {
        s.serialize_field(name, value)
    }
}

/// An `Option` property that is left out when `None`: missing reads as `None`, as does `null`.
pub mod opt {
    use super::*;

    /// The value read; `None` when missing.
    pub fn get<T, E>(slot: Option<Option<T>>, _: &'static str) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }

    /// Whether the property is written.
    pub fn len<T>(value: &Option<T>) -> usize {
        usize::from(value.is_some())
    }

    /// Writes the property when it is `Some`.
    pub fn ser<S: SerializeStruct, T: Serialize>(s: &mut S, name: &'static str, value: &Option<T>) -> Result<(), S::Error> {
        match value {
            Some(_) => s.serialize_field(name, value),
            None => s.skip_field(name),
        }
    }
}

/// A required but nullable property, an `Option` written as `null` when `None`; missing reads as
/// `None` (as the serde derives read a missing `Option`).
pub mod null {
    use super::*;

    /// The value read; `None` when missing.
    pub fn get<T, E>(slot: Option<Option<T>>, _: &'static str) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }

    /// 1: the property is always written.
    pub fn len<T>(_: &Option<T>) -> usize {
        1
    }

    /// Writes the property, `null` for `None`.
    pub fn ser<S: SerializeStruct, T: Serialize>(s: &mut S, name: &'static str, value: &Option<T>) -> Result<(), S::Error> {
        s.serialize_field(name, value)
    }
}

/// A [`Nullable`](crate::Nullable) property: missing reads as `Absent`, which is left out.
pub mod tri {
    use super::*;
    use crate::Nullable;

    /// The value read; `Absent` when missing.
    pub fn get<T, E>(slot: Option<Nullable<T>>, _: &'static str) -> Result<Nullable<T>, E> {
        Ok(slot.unwrap_or_default())
    }

    /// Whether the property is written.
    pub fn len<T>(value: &Nullable<T>) -> usize {
        usize::from(!value.is_absent())
    }

    /// Writes the property unless it is `Absent`.
    pub fn ser<S: SerializeStruct, T: Serialize>(s: &mut S, name: &'static str, value: &Nullable<T>) -> Result<(), S::Error> {
        if value.is_absent() {
            s.skip_field(name)
        } else {
            s.serialize_field(name, value)
        }
    }
}
