"""`ipops user …`: accounts for the people who use the platform."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ipops.cli.output import console, print_json

app = typer.Typer(help="Users and organisations.", no_args_is_help=True)


@app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="Login name.")],
    org: Annotated[str, typer.Option(help="Organisation name (created if new).")],
    kind: Annotated[str, typer.Option(help="ip_office | enterprise | university | institute | bank | agency")] = "ip_office",
    display_name: Annotated[str | None, typer.Option(help="Name shown in the UI.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Create a user of an organisation (the role follows the organisation kind)."""
    from ipops.accounts.roles import OrgKind
    from ipops.accounts.service import create_user, get_or_create_organisation
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    password = sys.stdin.readline().rstrip("\n") if password_stdin else typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    with Database(Settings()).session() as s:
        organisation = get_or_create_organisation(s, name=org, kind=OrgKind(kind))
        user = create_user(s, username=username, password=password, organisation=organisation, display_name=display_name)
        result = {"id": user.id, "username": user.username, "role": user.role, "organisation": organisation.name}
    if as_json:
        print_json(result)
    else:
        console.print(f"已创建用户 {username}（{result['role']}，{org}）")
