//! Scores output against gold fixtures with the same figures as `score.py`. STUB.
