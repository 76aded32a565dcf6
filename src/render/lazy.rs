//! A JSON array built one element at a time while it is written, so the
//! JSON and SARIF renderers hold one finding's value at a time, not the
//! whole document (85,000 findings took 2.5 GB as one `serde_json::Value`).

use std::cell::RefCell;

use serde::ser::{Error, Serialize, SerializeSeq, Serializer};
use serde_json::Value;

/// The elements of an array, produced as the array is serialized. It can be
/// serialized once; a second time is a serialization error, not a panic.
pub struct LazySeq<'a>(RefCell<Option<Box<dyn Iterator<Item = Value> + 'a>>>);

impl<'a> LazySeq<'a> {
    /// An array of what `items` yields.
    pub fn new(items: impl Iterator<Item = Value> + 'a) -> Self {
        LazySeq(RefCell::new(Some(Box::new(items))))
    }
}

impl Serialize for LazySeq<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take().ok_or_else(|| S::Error::custom("a lazy array is written only once"))?;
        let mut seq = serializer.serialize_seq(None)?;
        for item in items {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}
