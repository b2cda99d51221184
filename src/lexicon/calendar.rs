//! The calendar's words, which the corrector (a doubled digit in a date) and
//! extraction (dates beside figures) both read.

/// Month names, lower case as Swedish writes them, January first.
pub const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Days in each month of [`MONTHS`] (February in a leap year).
pub const DAYS_IN_MONTH: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
