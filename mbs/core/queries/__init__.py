"""Read-side functions: what an actor may see, shaped for the screens."""
