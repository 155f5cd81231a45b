"""Many worlds at once: balance runs and the batch simulator."""
