"""Developer tools: start the servers (`make run`, private ones for tests), the terminal shell, the safety evaluation, the benchmark, and the one REST client they share."""
