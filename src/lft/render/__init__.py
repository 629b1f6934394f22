"""Render: the model into Markdown pages for both languages, staged as the engine's source."""
