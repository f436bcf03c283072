"""Staff accounts from the command line (`make staff-user ARGS="..."`):

    python -m store.staff_cli add USERNAME [--role nurse|admin] [--name "First name"]
    python -m store.staff_cli disable USERNAME
    python -m store.staff_cli enable USERNAME
    python -m store.staff_cli reset-password USERNAME
    python -m store.staff_cli list

`add` and `reset-password` print a generated password once: hand it over in person.
The database is DATABASE_URL's, else var/ivig_assistant.db (store/database.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from store.database import get_database
from store.staff import ROLES, StaffAccountError, add_user, list_users, reset_password, set_disabled


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store.staff_cli",
                                     description="Care team accounts of the staff inbox.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an account and print its generated password")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default="nurse")
    add.add_argument("--name", default="", help="the name the inbox shows (e.g. first name)")
    for name, text in (("disable", "disable an account (its sessions stop working)"),
                       ("enable", "enable a disabled account again"),
                       ("reset-password", "print a new generated password (sessions end)")):
        commands.add_parser(name, help=text).add_argument("username")
    commands.add_parser("list", help="list the accounts")
    args = parser.parse_args(argv)
    database = get_database()
    try:
        if args.command == "add":
            password = add_user(database, args.username, args.role, display_name=args.name)
            print(f"added {args.role} {args.username.strip().lower()}; password: {password}")
        elif args.command == "reset-password":
            print(f"new password for {args.username}: {reset_password(database, args.username)}")
        elif args.command in ("disable", "enable"):
            account = set_disabled(database, args.username, args.command == "disable")
            print(f"{account.username} {'disabled' if account.disabled else 'enabled'}")
        else:
            for account in list_users(database):
                state = "disabled" if account.disabled else "active"
                print(f"{account.username}\t{account.role}\t{state}\t{account.display_name}")
    except StaffAccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
