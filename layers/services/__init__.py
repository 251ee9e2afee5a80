"""Write operations on layers and features: every change is versioned and recorded."""
