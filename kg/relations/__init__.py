"""Relations between entities: positions, leadership, ministries, membership, treaties, places."""
