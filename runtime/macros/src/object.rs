//! The shared, non-repeated parts of [`object!`](crate::object!): the key type that finds a
//! property's position, the reader and writer that keep the first error, and what each field
//! kind does when a struct is read or written.
//!
//! Everything here is called from the macro's expansion; it is public only for that.

use core::fmt;
use core::marker::PhantomData;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// The property names of a struct, matched against each key of the object being read: the
/// key's position among them, or `None` for any other key (its value is skipped).
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| name.as_bytes() == v))
    }

    /// The field at that position, as the serde derives read it (never from JSON).
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(v).ok().filter(|i| *i < self.0.len()))
    }
}

/// Reads the properties of one object. It skips the values of keys the struct does not have,
/// and keeps the first error, so the expansion's loop needs no `?` per field: after the loop,
/// [`Reader::finish`] returns that error.
pub struct Reader<'a, 'de, A: MapAccess<'de>> {
    map: &'a mut A,
    fields: &'static [&'static str],
    error: Option<A::Error>,
    de: PhantomData<&'de ()>,
}

impl<'a, 'de, A: MapAccess<'de>> Reader<'a, 'de, A> {
    /// Reads `map`, whose known keys are `fields`.
    pub fn new(map: &'a mut A, fields: &'static [&'static str]) -> Self {
        Reader { map, fields, error: None, de: PhantomData }
    }

    /// The position in `fields` of the next known key; `None` at the end or after an error.
    pub fn next_field(&mut self) -> Option<usize> {
        while self.error.is_none() {
            match self.map.next_key_seed(Key(self.fields)) {
                Ok(Some(Some(index))) => return Some(index),
                Ok(Some(None)) => {
                    if let Err(e) = self.map.next_value::<de::IgnoredAny>() {
                        self.error = Some(e);
                    }
                }
                Ok(None) => return None,
                Err(e) => self.error = Some(e),
            }
        }
        None
    }

    /// Reads the value of the key just returned into its slot; a property given twice is an
    /// error, as with the serde derives.
    pub fn put<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>, name: &'static str) {
        if slot.is_some() {
            self.error = Some(de::Error::duplicate_field(name));
            return;
        }
        match self.map.next_value() {
            Ok(value) => *slot = Some(value),
            Err(e) => self.error = Some(e),
        }
    }

    /// The first error met, if any.
    pub fn finish(self) -> Result<(), A::Error> {
        self.error.map_or(Ok(()), Err)
    }
}

/// The error for a required property that is missing.
pub fn missing<E: de::Error>(name: &'static str) -> E {
    E::missing_field(name)
}

/// Writes the properties of one struct, keeping the first error, so the expansion needs no `?`
/// per field: [`Writer::end`] returns it.
pub struct Writer<S: Serializer> {
    state: S::SerializeStruct,
    error: Option<S::Error>,
}

impl<S: Serializer> Writer<S> {
    /// Starts the struct `name`, which writes `len` properties.
    pub fn new(serializer: S, name: &'static str, len: usize) -> Result<Self, S::Error> {
        Ok(Writer { state: serializer.serialize_struct(name, len)?, error: None })
    }

    /// Writes a property.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none() {
            self.error = self.state.serialize_field(name, value).err();
        }
    }

    /// Leaves a property out.
    pub fn skip(&mut self, name: &'static str) {
        if self.error.is_none() {
            self.error = self.state.skip_field(name).err();
        }
    }

    /// Ends the struct, or returns the first error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.state.end(),
        }
    }
}

/// How many properties are written: the sum of each field's `len`.
pub fn count(written: &[usize]) -> usize {
    written.iter().sum()
}

/// A required property: missing is an error naming it; always written.
pub mod req {
    use super::*;

    /// 1: the property is always written.
    pub fn len<T>(_: &T) -> usize {
        1
    }

    /// Writes the property.
    pub fn ser<S: Serializer, T: Serialize + ?Sized>(w: &mut Writer<S>, name: &'static str, value: &T) {
        w.field(name, value)
    }
}

/// An `Option` property that is left out when `None`: missing reads as `None`, as does `null`.
pub mod opt {
    use super::*;

    /// The value read; `None` when missing.
    pub fn get<T>(slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }

    /// Whether the property is written.
    pub fn len<T>(value: &Option<T>) -> usize {
        usize::from(value.is_some())
    }

    /// Writes the property when it is `Some`.
    pub fn ser<S: Serializer, T: Serialize>(w: &mut Writer<S>, name: &'static str, value: &Option<T>) {
        match value {
            Some(_) => w.field(name, value),
            None => w.skip(name),
        }
    }
}

/// A required but nullable property, an `Option` written as `null` when `None`; missing reads as
/// `None` (as the serde derives read a missing `Option`).
pub mod null {
    use super::*;

    /// The value read; `None` when missing.
    pub fn get<T>(slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }

    /// 1: the property is always written.
    pub fn len<T>(_: &Option<T>) -> usize {
        1
    }

    /// Writes the property, `null` for `None`.
    pub fn ser<S: Serializer, T: Serialize>(w: &mut Writer<S>, name: &'static str, value: &Option<T>) {
        w.field(name, value)
    }
}

/// A [`Nullable`](crate::Nullable) property: missing reads as `Absent`, which is left out.
pub mod tri {
    use super::*;
    use crate::Nullable;

    /// The value read; `Absent` when missing.
    pub fn get<T>(slot: Option<Nullable<T>>) -> Nullable<T> {
        slot.unwrap_or_default()
    }

    /// Whether the property is written.
    pub fn len<T>(value: &Nullable<T>) -> usize {
        usize::from(!value.is_absent())
    }

    /// Writes the property unless it is `Absent`.
    pub fn ser<S: Serializer, T: Serialize>(w: &mut Writer<S>, name: &'static str, value: &Nullable<T>) {
        if value.is_absent() {
            w.skip(name)
        } else {
            w.field(name, value)
        }
    }
}
