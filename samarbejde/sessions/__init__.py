"""A session on disk and in memory: the model, the store (atomic private saves), the index
beside the sessions, the lock, share files and the other side's files read as a `Side`."""
