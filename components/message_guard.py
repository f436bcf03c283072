"""Rasa NLU component, first in the pipeline: keeps over-long messages from reaching the models.

A message over `max_characters` is cut to that length for understanding only (the
tracker keeps the patient's full text, so nothing they said is lost) and marked, so the
red-flag layer can answer it with `message_too_long` unless it found a red flag.
Feeding 100,000 characters to the transformer of DIET would cost seconds and memory.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

MAX_CHARACTERS = 2000
TRUNCATED = "ivig_truncated"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MessageLengthGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_characters": MAX_CHARACTERS}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.max_characters = int(config.get("max_characters", MAX_CHARACTERS))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageLengthGuard":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if len(text) > self.max_characters:
                message.set(TEXT, text[: self.max_characters])
                message.set(TRUNCATED, True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
