"""What runs inside the Rasa server and the action server: channels, the tracker and lock
stores, the server fixes, each checked at import against the Rasa version it was written for."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

SUPPORTED_RASA = "3.6."


def require_version(package: str, module: str, reason: str, supported: str = SUPPORTED_RASA) -> None:
    """Refuse to import `module` when `package` is not the version it was written against.

    These modules replace or copy private parts of Rasa; with another release they could
    run and silently do the wrong thing, which is worse for patients than a clear error.
    """
    try:
        installed = version(package)
    except PackageNotFoundError:  # pragma: no cover - rasa is a requirement
        installed = "none"
    if not installed.startswith(supported):
        raise ImportError(
            f"{module} {reason} of {package} {supported}x; {package} {installed} is installed: "
            f"check it against that release before changing the supported version")
