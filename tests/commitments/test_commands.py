from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from commitments.models import Edition
from commitments.services import edition_publish
from tests.commitments.factories_commitments import ApprovedCommitmentFactory


@pytest.mark.django_db
def test_build_edition_pdfs_builds_only_the_missing_ones(consultation, group, capsys):
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    edition = edition_publish(consultation=consultation)  # on_commit never runs inside the test transaction

    call_command("build_edition_pdfs")
    call_command("build_edition_pdfs")

    edition.refresh_from_db()
    output = capsys.readouterr().out
    assert (bool(edition.pdf_for("lv")), bool(edition.pdf_for("en"))) == (True, True)
    assert output.count("edition 1 built") == 1


@pytest.mark.django_db(transaction=True)
def test_edition_publish_numbers_concurrent_publications_without_collision(consultation, group, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ApprovedCommitmentFactory(consultation=consultation, group=group)
    errors: list[Exception] = []
    barrier = threading.Barrier(3)

    def publish() -> None:
        try:
            barrier.wait()
            edition_publish(consultation=consultation)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Edition.objects.values_list("number", flat=True)) == [1, 2, 3]
