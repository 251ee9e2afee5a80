"""Text accepted by the API: no NUL characters, which PostgreSQL cannot store in text columns."""

from typing import Annotated

from pydantic import AfterValidator


def reject_nul(text):
    if "\x00" in text:
        raise ValueError("text cannot contain the NUL character (U+0000)")
    return text


Text = Annotated[str, AfterValidator(reject_nul)]
