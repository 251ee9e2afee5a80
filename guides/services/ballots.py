"""One vote per user on a thing, counted in the database: nomination supports and plan item votes.

``cast`` and ``withdraw`` lock the voted row (``FOR NO KEY UPDATE``, so readers
and the vote rows' foreign-key checks go on), so concurrent votes on one row
move its counter one at a time; the unique (thing, user) constraint of the
vote table backs that up. The counter moves by an ``F()`` expression in the
same transaction as the vote row, so it is always the number of rows. Casting
twice or withdrawing a vote never given changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest


@dataclass(frozen=True)
class Ballot:
    """A kind of vote: the voted model, its counter field, the vote model and its foreign key to the voted."""

    model: type
    counter: str
    vote_model: type
    link: str

    def locked(self, pk):
        return self.model.objects.select_for_update(no_key=True).get(pk=pk)

    def votes(self, pk, user):
        return self.vote_model.objects.filter(**{f"{self.link}_id": pk, "user": user})

    def move(self, pk, step):
        self.model.objects.filter(pk=pk).update(**{self.counter: Greatest(F(self.counter) + step, 0)})

    def count(self, pk):
        return getattr(self.model.objects.only(self.counter).get(pk=pk), self.counter)


@transaction.atomic
def cast(ballot, pk, user, check=None):
    """``user``'s vote on row ``pk`` (``check(row)`` may refuse it by raising); returns the new count."""
    row = ballot.locked(pk)
    if check is not None:
        check(row)
    if not ballot.votes(pk, user).exists():
        ballot.vote_model.objects.create(**{f"{ballot.link}_id": pk, "user": user})
        ballot.move(pk, 1)
    return ballot.count(pk)


@transaction.atomic
def withdraw(ballot, pk, user):
    """Takes back ``user``'s vote on row ``pk``; returns the new count."""
    ballot.locked(pk)
    deleted, _ = ballot.votes(pk, user).delete()
    if deleted:
        ballot.move(pk, -1)
    return ballot.count(pk)


def uncount_votes_of(user, ballot):
    """Takes ``user``'s votes off the counters, before the account's deletion removes the vote rows."""
    voted = ballot.vote_model.objects.filter(user=user).values(f"{ballot.link}_id")
    ballot.model.objects.filter(pk__in=voted).update(**{ballot.counter: Greatest(F(ballot.counter) - 1, 0)})
