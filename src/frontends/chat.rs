//! The stdin chat mode (STUB).
