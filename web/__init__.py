"""The clinic web server (aiohttp, `python -m web.app`, its own process): the demo clinic page and widget, patient session tokens, and the staff inbox and its API."""
