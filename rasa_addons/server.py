"""The Rasa server as this project runs it: `python -m rasa_addons.server run ...` is
`rasa run ...` with three fixes for CPU time that Rasa 3.6 spends on every message, found
with py-spy under load (README "Benchmark"), and two for calls to the action server. None
changes what Rasa decides.

1. Rasa checks every action server reply with `jsonschema.validate`, which first checks
   the schema itself against the JSON Schema meta-schema, on every call. With jsonschema
   4.17 that self-check was a third of the server's CPU. Here the validator is built once
   and each reply is checked against the same schema; a reply that fails is handed to
   Rasa's own check, so errors look exactly as before.
2. Reading a conversation from the tracker store turns each stored event into its class
   by walking all subclasses of `Event`, for every event of every message: 15% of the
   CPU in a long conversation. Here each type name is looked up once and remembered.
3. Python's full garbage collections walk every object alive, and the model, TensorFlow
   and Rasa are millions of them: they paused long conversations for hundreds of ms.
   After the model loads, they are moved out of the collector's sight (gc.freeze).
4. Rasa waits up to 5 minutes for a custom action, and the REST channel answers only when
   the whole turn is done: with a hung action server, a patient reporting an emergency
   would wait minutes for the 911 advice that was ready at once. Here the wait is
   ACTION_SERVER_TIMEOUT seconds (default 3); a call that times out is handled as one
   that failed (the reconciler records the escalation later).
5. With selective domain, Rasa still sends the whole domain (45 KB) to every validate_*
   action. Ours never read it (the screening form's questions come from
   clinical/screening.py), so it is never sent: smaller calls, and a tighter body limit
   on the action server (rasa_addons/action_server.py).
6. Slow clients: Sanic's request timeout and Rasa's keep-alive are a few seconds
   (CLIENT_REQUEST_TIMEOUT, CLIENT_KEEP_ALIVE_TIMEOUT; install_client_timeouts).
7. Safety does not pause: while a nurse has the conversation (Rasa's pause), an emergency
   still gets the rules' emergency actions (rasa_addons/handoff.py).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional, Text, Type

from rasa_addons import require_version

require_version("rasa", "rasa_addons/server.py", "replaces private functions (RemoteAction, "
                "Event type lookup, the action timeout)")

_MARK = "_ivig_fix_installed"
# Seconds; actions answer in milliseconds (README "Security"). Read in settings.py.


def install_action_result_validator() -> None:
    """Replace RemoteAction._validate_action_result by one with a validator built once."""
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    rasa_check: Callable[[Any, Dict[Text, Any]], bool] = RemoteAction._validate_action_result
    if getattr(rasa_check, _MARK, False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, here, instead of on every reply
    validator = validator_class(schema)

    def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        if best_match(validator.iter_errors(result)) is None:
            return True
        return rasa_check(self, result)  # raises Rasa's own ValidationError

    setattr(validate_action_result, _MARK, True)
    RemoteAction._validate_action_result = validate_action_result


def install_event_type_cache() -> None:
    """Remember Event.resolve_by_type's answer for each type name it has resolved."""
    from rasa.shared.core.events import Event

    rasa_resolve = Event.resolve_by_type
    if getattr(rasa_resolve, _MARK, False):
        return
    known: Dict[Text, Type[Event]] = {}

    def resolve_by_type(type_name: Text,
                        default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        found = known.get(type_name)
        if found is not None:
            return found
        found = rasa_resolve(type_name, default)  # Rasa's answer, or its error
        if found is not None and found is not default:  # a class of that name: keep it
            known[type_name] = found
        return found

    setattr(resolve_by_type, _MARK, True)
    Event.resolve_by_type = staticmethod(resolve_by_type)


def install_gc_freeze_after_model_load() -> None:
    """After the model is loaded, move everything alive to the collector's permanent
    generation (gc.freeze): the model, TensorFlow and Rasa are millions of objects that
    stay for the life of the process, and a full collection would walk them all again."""
    import gc

    import rasa.core.run

    rasa_load = rasa.core.run.load_agent_on_start
    if getattr(rasa_load, _MARK, False):
        return

    async def load_agent_on_start(*args: Any, **kwargs: Any) -> Any:
        agent = await rasa_load(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    setattr(load_agent_on_start, _MARK, True)
    rasa.core.run.load_agent_on_start = load_agent_on_start


def action_timeout(environ: Optional[Dict[str, str]] = None) -> float:
    """Seconds Rasa waits for the action server: ACTION_SERVER_TIMEOUT, else 3 (settings.py)."""
    from settings import action_server_timeout

    return action_server_timeout(environ)


def install_action_timeout(seconds: Optional[float] = None) -> None:
    """RemoteAction.run passes rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT (300 s) to
    aiohttp on every call, read from that module when it calls: set it there."""
    import rasa.core.actions.action

    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = (
        action_timeout() if seconds is None else seconds)


def install_domain_left_out_of_action_calls() -> None:
    """Selective domain for every custom action, validate_* ones included."""
    from rasa.shared.core.domain import Domain

    if getattr(Domain.does_custom_action_explicitly_need_domain, _MARK, False):
        return

    def does_custom_action_explicitly_need_domain(self: Domain, action_name: Text) -> bool:
        return False

    setattr(does_custom_action_explicitly_need_domain, _MARK, True)
    Domain.does_custom_action_explicitly_need_domain = does_custom_action_explicitly_need_domain


def install_client_timeouts(request_timeout: Optional[float] = None,
                            keep_alive_timeout: Optional[float] = None) -> None:
    """Sanic waits 60 s for a request to arrive and Rasa keeps idle connections 120 s:
    slow or idle clients could hold connections open. Here both are CLIENT_REQUEST_TIMEOUT
    and CLIENT_KEEP_ALIVE_TIMEOUT (settings.py; default 5 s), set on the app Rasa
    configures (rasa.core.run.configure_app, which sets the keep-alive itself)."""
    import rasa.core.run

    from settings import client_timeouts

    rasa_configure = rasa.core.run.configure_app
    if getattr(rasa_configure, _MARK, False):
        return
    default_request, default_keep_alive = client_timeouts()
    request_timeout = request_timeout or default_request
    keep_alive_timeout = keep_alive_timeout or default_keep_alive

    def configure_app(*args: Any, **kwargs: Any) -> Any:
        app = rasa_configure(*args, **kwargs)
        app.config.REQUEST_TIMEOUT = request_timeout
        app.config.KEEP_ALIVE_TIMEOUT = keep_alive_timeout
        return app

    setattr(configure_app, _MARK, True)
    rasa.core.run.configure_app = configure_app


def install_safety_while_paused() -> None:
    """7. A paused conversation (a nurse has it) still gets the emergency advice at once."""
    from rasa_addons.handoff import install_change_notices
    from rasa_addons.handoff import install_safety_while_paused as install_it

    install_it()
    install_change_notices()  # the nurse's live view hears of each saved turn


def install() -> None:
    install_action_result_validator()
    install_event_type_cache()
    install_gc_freeze_after_model_load()
    install_action_timeout()
    install_domain_left_out_of_action_calls()
    install_client_timeouts()
    install_safety_while_paused()


def main(argv: Optional[List[str]] = None) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
