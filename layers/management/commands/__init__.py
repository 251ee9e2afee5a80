"""Management commands of layers: re-enqueueing deliveries whose task was lost."""
