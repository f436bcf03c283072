"""What production runs beside the servers: the escalation reconciler (`python -m jobs.reconcile`) and the webhook deliveries (a poller the web server process runs)."""
