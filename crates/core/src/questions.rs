//! The intake questionnaire (stub, filled in next).
