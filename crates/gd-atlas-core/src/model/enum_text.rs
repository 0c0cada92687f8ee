//! Text form of the model's unit-only enums, read from their serde derive
//! (`#[serde(rename_all = "snake_case")]`, `#[serde(alias = …)]`): the CSV cells, the JSON of
//! the CLI and `as_str` cannot disagree, because there is one spelling table — serde's.
//!
//! `as_str` needs a `&'static str`, which `serde_json::to_string` cannot give; [`VariantName`] is
//! a serializer that accepts exactly one thing, a unit variant, and returns its static name.

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::ser::{self, Impossible, Serialize};

/// The serde name of a unit variant, `None` for any other value.
pub fn variant_name<T: Serialize>(value: &T) -> Option<&'static str> {
    value.serialize(VariantName).ok()
}

/// The variant whose serde name (or alias) is `text`.
pub fn from_variant_name<T: DeserializeOwned>(text: &str) -> Option<T> {
    let de: StrDeserializer<'_, ValueError> = text.into_deserializer();
    T::deserialize(de).ok()
}

/// `as_str`, `parse`, `Display` and `FromStr` for unit-only enums deriving serde.
macro_rules! text_enum {
    ($($t:ty),+ $(,)?) => {$(
        impl $t {
            /// The spelling in the data files (the serde name).
            pub fn as_str(self) -> &'static str {
                // Every variant is a unit variant (the tests go through all of them), so this
                // never falls back.
                $crate::model::enum_text::variant_name(&self).unwrap_or("")
            }

            /// The variant spelled `text` in the data files (aliases accepted), if any.
            pub fn parse(text: &str) -> Option<Self> {
                $crate::model::enum_text::from_variant_name(text)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $t {
            type Err = $crate::model::enum_text::UnknownVariant;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text).ok_or_else(|| $crate::model::enum_text::UnknownVariant(text.to_string()))
            }
        }
    )+};
}
pub(crate) use text_enum;

/// A text that names no variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownVariant(pub String);

/// Serializes a unit variant to its name and refuses everything else.
struct VariantName;

#[derive(Debug)]
struct NotUnitVariant;

impl std::fmt::Display for NotUnitVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotUnitVariant {}

impl ser::Error for NotUnitVariant {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotUnitVariant
    }
}

/// Every method but `serialize_unit_variant` refuses.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {$(
        fn $name(self, $(_: $arg),*) -> Result<&'static str, NotUnitVariant> {
            Err(NotUnitVariant)
        }
    )*};
}

type No = Impossible<&'static str, NotUnitVariant>;

impl ser::Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotUnitVariant;
    type SerializeSeq = No;
    type SerializeTuple = No;
    type SerializeTupleStruct = No;
    type SerializeTupleVariant = No;
    type SerializeMap = No;
    type SerializeStruct = No;
    type SerializeStructVariant = No;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotUnitVariant> {
        Ok(variant)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_tuple(self, _: usize) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unit_variants_have_a_name() {
        assert_eq!(variant_name(&3u8), None);
        assert_eq!(variant_name(&"text"), None);
        assert_eq!(variant_name(&Some(1)), None);
        assert_eq!(from_variant_name::<u8>("3"), None);
    }
}
