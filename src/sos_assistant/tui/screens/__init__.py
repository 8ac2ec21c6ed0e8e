"""The app's screens: each coordinates its widgets and the core API; none holds logic."""
