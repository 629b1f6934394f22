"""Check: the content against its schemas, references, translations, house style and the
publication guard."""
