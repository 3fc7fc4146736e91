"""Reference values recorded from libraries that are not installed here, and their scripts."""
