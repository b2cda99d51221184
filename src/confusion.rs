//! The OCR confusion model: how this kind of OCR renders Swedish letters, with a
//! cost (negative log probability) for each confusion.
