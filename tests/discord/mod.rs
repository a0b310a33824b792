//! End-to-end tests of the Discord front end against a fake Discord on 127.0.0.1.
