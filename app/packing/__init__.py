"""The pack station's plain-Python parts (no Qt): weighing, and what packing needs."""
