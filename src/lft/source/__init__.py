"""Read: what the repository holds, as data with positions (YAML, Markdown, the model, the
publisher, the pictures)."""
