"""The Rasa server as this project runs it: `python -m ops.rasa_server run ...` is
`rasa run ...` with one fix applied first.

Rasa 3.6 checks every action server reply with `jsonschema.validate`, which first checks
the schema itself against the JSON Schema meta-schema, on every call. With jsonschema 4.17
that self-check costs more CPU than everything else Rasa does for a message (a third of
the server's time under load, measured with py-spy; README "Benchmark"). The fix builds
the validator once and checks each reply against the same schema; a reply that fails is
handed to Rasa's own check, so errors look exactly as before.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional, Text

_MARK = "_ivig_validator_built_once"


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


def main(argv: Optional[List[str]] = None) -> None:
    install_action_result_validator()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
