"""Map-making guides, campaigns, topic nominations and the open improvement plan."""
