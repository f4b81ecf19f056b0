// Replaced by the linear-algebra tests.
