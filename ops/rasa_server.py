"""The Rasa server as this project runs it: `python -m ops.rasa_server run ...` is
`rasa run ...` with three fixes for CPU time that Rasa 3.6 spends on every message, found
with py-spy under load (README "Benchmark"). None changes what Rasa decides.

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
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional, Text, Type

_MARK = "_ivig_fix_installed"


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


def install() -> None:
    install_action_result_validator()
    install_event_type_cache()
    install_gc_freeze_after_model_load()


def main(argv: Optional[List[str]] = None) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
