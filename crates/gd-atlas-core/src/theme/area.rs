//! Region areas live in the model (`model::area`): the census needs them for densities and the
//! model must not reach up into themes. Re-exported here for the theme code that uses them.

pub use crate::model::area::*;
