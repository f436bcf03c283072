"""The patient channels credentials.yml names, run by the Rasa server (Sanic): REST
(rest.py) and socket.io (socketio.py), with their rate limits (patient_limits.py)."""
