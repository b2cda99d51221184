//! Many documents: walks the inputs, processes them in parallel and writes the
//! output tree atomically. STUB.
