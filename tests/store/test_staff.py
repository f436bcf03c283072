"""Staff accounts (store/staff.py, store/staff_cli.py): argon2id hashes, sign-in by name,
disabled accounts, the first admin made at the first start."""

from __future__ import annotations

import os
import stat

import pytest

from store import staff_cli
from store.models import StaffUser
from store.staff import (
    StaffAccountError,
    add_user,
    authenticate,
    ensure_first_admin,
    get_user,
    reset_password,
    session_credential,
    set_disabled,
)


def test_a_password_is_kept_only_as_an_argon2id_hash(database):
    password = add_user(database, "Nora", "nurse", display_name="Nora")
    with database.session() as session:
        row = session.query(StaffUser).one()
    assert row.username == "nora"
    assert row.password_hash.startswith("$argon2id$") and password not in row.password_hash
    assert len(password) >= 16


def test_sign_in_by_name_needs_the_right_password(database):
    password = add_user(database, "nora", "nurse")
    account, credential = authenticate(database, "Nora ", password)
    assert account.username == "nora" and account.role == "nurse"
    assert credential == session_credential(database, "nora")
    assert authenticate(database, "nora", password + "x") is None
    assert authenticate(database, "nobody", password) is None


def test_a_disabled_account_cannot_sign_in_and_its_sessions_lose_their_credential(database):
    password = add_user(database, "nora", "nurse")
    set_disabled(database, "nora", True)
    assert authenticate(database, "nora", password) is None
    assert session_credential(database, "nora") is None
    set_disabled(database, "nora", False)
    assert authenticate(database, "nora", password) is not None


def test_a_new_password_ends_the_old_sessions(database):
    add_user(database, "nora", "nurse")
    before = session_credential(database, "nora")
    new = reset_password(database, "nora")
    assert session_credential(database, "nora") != before
    assert authenticate(database, "nora", new) is not None


@pytest.mark.parametrize("username", ["staff-token", "staff", "a", "no spaces", "x" * 40])
def test_reserved_or_malformed_names_are_refused(database, username):
    with pytest.raises(StaffAccountError):
        add_user(database, username, "nurse")


def test_names_are_unique_and_roles_known(database):
    add_user(database, "nora", "nurse")
    with pytest.raises(StaffAccountError):
        add_user(database, "NORA", "nurse")
    with pytest.raises(StaffAccountError):
        add_user(database, "sam", "doctor")


def test_the_last_admin_cannot_be_disabled(database):
    add_user(database, "boss", "admin")
    with pytest.raises(StaffAccountError):
        set_disabled(database, "boss", True)
    add_user(database, "deputy", "admin")
    assert set_disabled(database, "boss", True).disabled


def test_the_first_start_makes_an_admin_with_a_private_password_file(database, tmp_path):
    path = tmp_path / "var" / "admin_password"
    assert ensure_first_admin(database, path) == str(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    password = path.read_text().split("password: ")[1].strip()
    account, _ = authenticate(database, "admin", password)
    assert account.is_admin
    path.unlink()
    assert ensure_first_admin(database, path) is None  # accounts exist: nothing made
    assert not path.exists()


def test_the_command_line_adds_an_account_and_prints_its_password(database, capsys):
    assert staff_cli.main(["add", "nora", "--role", "nurse", "--name", "Nora"]) == 0
    password = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    assert authenticate(database, "nora", password) is not None
    assert get_user(database, "nora").display_name == "Nora"
    assert staff_cli.main(["disable", "nora"]) == 0
    assert authenticate(database, "nora", password) is None
    assert staff_cli.main(["add", "nora"]) == 1  # taken
