"""The app's widgets: each takes models (prompts, maps, findings) and posts messages up."""
