"""The catalogue: course files loaded, validated and synced; lesson media and printable PDFs."""
