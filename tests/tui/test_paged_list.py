"""PagedList on its own: the cursor skips headings, paging asks for more near the end, a
click highlights, and only the rows on screen are ever rendered."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from expo_tui.tui.widgets.paged_list import PagedList, Row, heading


class ListApp(App[None]):
    def __init__(self, rows: list[Row], next_cursor: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.next_cursor = next_cursor
        self.highlights: list[int | None] = []
        self.requests: list[str] = []
        self.prompts_built = 0

    def compose(self) -> ComposeResult:
        yield PagedList(id="list")

    def on_mount(self) -> None:
        paged = self.query_one(PagedList)
        self.watch(paged, "highlighted", lambda index: self.highlights.append(index), init=False)
        paged.replace_rows(self.rows, self.next_cursor)
        paged.focus()

    def on_paged_list_need_more(self, message: PagedList.NeedMore) -> None:
        self.requests.append(message.cursor)


def list_app(count: int, next_cursor: str | None = None) -> ListApp:
    """A ListApp over `count` numbered rows, a heading before every ten."""
    app = ListApp([], next_cursor)
    app.rows = numbered(count, [app])
    return app


def numbered(count: int, app_ref: list[ListApp]) -> list[Row]:
    def make(item: int) -> Content:
        app_ref[0].prompts_built += 1
        return Content(f"row {item}")

    rows: list[Row] = []
    for i in range(count):
        if i % 10 == 0:
            rows.append(heading(Content(f"group {i // 10}")))
        rows.append(Row(None, i, make=make))
    return rows


async def test_cursor_starts_on_the_first_row_and_skips_headings() -> None:
    app = list_app(30)
    async with app.run_test(size=(40, 12)) as pilot:
        paged = app.query_one(PagedList)
        assert paged.highlighted == 1 and paged.highlighted_item == 0
        for _ in range(9):
            await pilot.press("down")
        assert paged.highlighted_item == 9
        await pilot.press("down")  # over the "group 1" heading
        assert paged.highlighted_item == 10 and paged.highlighted == 12
        await pilot.press("up")
        assert paged.highlighted_item == 9
        await pilot.press("end")
        assert paged.highlighted_item == 29
        await pilot.press("home")
        assert paged.highlighted_item == 0 and paged.scroll_y == 0


async def test_only_rows_on_screen_are_rendered() -> None:
    app = list_app(5000)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.query_one(PagedList).option_count == 5500
        assert 0 < app.prompts_built < 50  # the 12 rows on screen (give or take), not 5,000
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.prompts_built < 80


async def test_page_keys_move_by_a_screen_and_more_is_asked_for_near_the_end() -> None:
    app = list_app(100, next_cursor="page-2")
    async with app.run_test(size=(40, 12)) as pilot:
        paged = app.query_one(PagedList)
        await pilot.press("pagedown")
        assert 8 <= paged.highlighted <= 12
        assert app.requests == []
        await pilot.press("end")
        await pilot.pause()
        assert app.requests == ["page-2"]  # once, however often the cursor moves after
        await pilot.press("up", "down")
        await pilot.pause()
        assert app.requests == ["page-2"]
        paged.append_rows([Row(Content("extra"), 1000)], None)
        await pilot.press("end")
        assert paged.highlighted_item == 1000


async def test_click_highlights_a_row_but_not_a_heading() -> None:
    app = list_app(30)
    async with app.run_test(size=(40, 12)) as pilot:
        paged = app.query_one(PagedList)
        await pilot.click(PagedList, offset=(3, 4))
        assert paged.highlighted == 4 and paged.highlighted_item == 3
        await pilot.click(PagedList, offset=(3, 0))  # the heading
        assert paged.highlighted == 4


async def test_restyle_repaints_only_the_rows_picked() -> None:
    app = list_app(30)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        paged = app.query_one(PagedList)
        before = app.prompts_built
        paged.restyle(only=lambda item: item == 3)
        await pilot.pause()
        assert app.prompts_built == before + 1
        paged.restyle()
        await pilot.pause()
        assert app.prompts_built >= before + 10


async def test_an_empty_list_highlights_nothing() -> None:
    app = ListApp([])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("down", "end", "pagedown", "home")
        paged = app.query_one(PagedList)
        assert paged.highlighted is None and paged.highlighted_item is None
        assert app.highlights == []  # it never moved


async def test_the_highlighted_row_stays_in_view_when_the_list_shrinks() -> None:
    app = list_app(30)
    async with app.run_test(size=(40, 20)) as pilot:
        paged = app.query_one(PagedList)
        paged.highlighted = 15
        await pilot.pause()
        assert paged.scroll_y == 0
        await pilot.resize_terminal(40, 6)
        await pilot.pause()
        assert paged.scroll_y <= 15 < paged.scroll_y + paged.scrollable_content_region.height
