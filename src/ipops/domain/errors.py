"""Domain errors: each carries a Chinese message a user can act on, and no HTTP status.

The web layer maps these to responses in one handler (NotFound → 404, Conflict → 409,
InvalidNumber / InvalidIpc / RowRejected / InvalidTransition → 422); importers list
RowRejected reasons in their report. ``str(error)`` is the Chinese message, so a caller can
show it as it is.
"""

from __future__ import annotations

from typing import Any


class IpopsError(Exception):
    """Base of every IPOps domain error; ``message_zh`` is the text shown to users."""

    default_message_zh = "操作失败"

    def __init__(self, message_zh: str | None = None) -> None:
        self.message_zh: str = message_zh or self.default_message_zh
        super().__init__(self.message_zh)

    def __str__(self) -> str:
        return self.message_zh


class InvalidNumber(IpopsError, ValueError):
    """An application, patent or publication number that cannot be read or fails its check."""

    default_message_zh = "号码无效"


class InvalidIpc(IpopsError, ValueError):
    """A text that is not an IPC classification symbol."""

    default_message_zh = "IPC分类号无效"


class NotFound(IpopsError):
    """The requested record does not exist."""

    default_message_zh = "未找到记录"


class Conflict(IpopsError):
    """The change collides with existing data (duplicate key, stale version …)."""

    default_message_zh = "数据冲突"


class Unauthenticated(IpopsError):
    """The action needs a signed-in user."""

    default_message_zh = "请先登录"


class Forbidden(IpopsError):
    """The signed-in user's role or organisation may not do this."""

    default_message_zh = "没有权限执行该操作"


class InvalidTransition(IpopsError):
    """A workflow action not allowed from the current status."""

    default_message_zh = "当前状态不允许该操作"


class RowRejected(IpopsError):
    """One imported row refused, with the column and value to point at in the import report."""

    default_message_zh = "该行数据被拒绝"

    def __init__(
        self,
        message_zh: str | None = None,
        *,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        super().__init__(message_zh)
        self.column: str | None = column
        self.value: str | None = value

    def __reduce__(self) -> tuple[Any, ...]:
        # keep column/value when the error crosses a process boundary (parallel imports)
        return (_rebuild_row_rejected, (self.message_zh, self.column, self.value))


def _rebuild_row_rejected(message_zh: str, column: str | None, value: str | None) -> RowRejected:
    return RowRejected(message_zh, column=column, value=value)


class QuerySyntaxError(IpopsError, ValueError):
    """A search query that cannot be read; ``position`` is the 0-based character offset of the fault.

    The message says where (第 N 个字符, counted from 1 as users count) and what is wrong, so a
    search box can point at it.
    """

    default_message_zh = "检索式有误"

    def __init__(self, message_zh: str | None = None, *, position: int = 0) -> None:
        self.position: int = position
        self.reason_zh: str = message_zh or self.default_message_zh
        super().__init__(f"检索式第 {position + 1} 个字符处：{self.reason_zh}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_query_error, (self.reason_zh, self.position))


def _rebuild_query_error(reason_zh: str, position: int) -> QuerySyntaxError:
    return QuerySyntaxError(reason_zh, position=position)


class InvalidParameter(IpopsError, ValueError):
    """A request parameter (period, region, indicator option) that cannot be used as given."""

    default_message_zh = "参数有误"
