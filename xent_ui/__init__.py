"""xent ui."""
