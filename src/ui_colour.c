/* The screen's colours: each ui_style and each theme as curses attributes, in colour
   where the terminal has it and NO_COLOR is unset, else in bold, underline, italic,
   dim and reverse. Every pane draws with ui_colour_attr and ui_colour_theme. */
#include <stdlib.h>

#include "tui.h"
#include "xmalloc.h"

static int	ui_colour_number(const struct theme_colour *);

static attr_t	 ui_colour_attrs[UI_STYLE_COUNT];
static attr_t	*ui_colour_themes;
static size_t	 ui_colour_nthemes;

attr_t
ui_colour_attr(enum ui_style s)
{
	return ui_colour_attrs[s];
}

attr_t
ui_colour_theme(size_t i)
{
	return i < ui_colour_nthemes ? ui_colour_themes[i] : A_BOLD;
}

/* The terminal's nearest colour to a theme's: #rrggbb goes to the 6x6x6 cube of 256
   colours, and anything past the terminal's colours to the nearest of the first 8. */
static int
ui_colour_number(const struct theme_colour *c)
{
	static const int	 base[8][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }
	};
	int	 r, g, b, i, best = 7, bestd = -1, d, n;

	if (c->rgb < 0 && c->index < 0)
		return -1;
	if (c->rgb < 0 && c->index < COLORS)
		return c->index;
	if (c->rgb >= 0) {
		r = c->rgb >> 16;
		g = (c->rgb >> 8) & 0xff;
		b = c->rgb & 0xff;
		if (COLORS >= 256)
			return 16 + 36 * ((r * 5 + 127) / 255) +
			    6 * ((g * 5 + 127) / 255) + (b * 5 + 127) / 255;
	} else if (c->index >= 16 && c->index < 232) {
		n = c->index - 16;
		r = n / 36 * 51;
		g = n / 6 % 6 * 51;
		b = n % 6 * 51;
	} else if (c->index >= 232) {
		r = g = b = 8 + (c->index - 232) * 10;
	} else
		return c->index % 8;
	for (i = 0; i < 8; i++) {
		d = (r - base[i][0]) * (r - base[i][0]) + (g - base[i][1]) *
		    (g - base[i][1]) + (b - base[i][2]) * (b - base[i][2]);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

/* Colour where the terminal has it and NO_COLOR is unset; otherwise bold, underline,
   dim and reverse carry the same distinctions. */
void
ui_colour_init(const struct config *cfg)
{
	const char	*nc = getenv("NO_COLOR");
	int		 colour = has_colors() && (nc == NULL || *nc == '\0');
	short		 grey = COLOR_BLACK;
	size_t		 i;

	ui_colour_attrs[UI_NORMAL] = A_NORMAL;
	ui_colour_attrs[UI_HEADER] = A_BOLD;
	ui_colour_attrs[UI_HEADER_FOCUS] = A_REVERSE | A_BOLD;
	ui_colour_attrs[UI_SELECTED] = A_REVERSE;
	ui_colour_attrs[UI_STATUS] = A_REVERSE;
	ui_colour_attrs[UI_MESSAGE] = A_REVERSE | A_BOLD;
	ui_colour_attrs[UI_MARKER] = A_REVERSE;
	ui_colour_attrs[UI_CHROME] = A_DIM;
	ui_colour_attrs[UI_HKEY] = A_BOLD;
	ui_colour_attrs[UI_HVAL] = A_NORMAL;
	ui_colour_attrs[UI_ERROR] = A_BOLD;
	ui_colour_attrs[UI_DIM] = A_DIM;
	ui_colour_attrs[UI_UNREAD] = A_BOLD;
	ui_colour_attrs[UI_SELECTED_UNREAD] = A_REVERSE | A_BOLD;
	/* Without colour, each theme has attributes of its own by its order, none
	   of them the search's reverse bold; past the eighth they come round
	   again, and the sidebar, which draws each theme's name in them, tells
	   which is which. */
	ui_colour_nthemes = cfg->nthemes;
	ui_colour_themes = xreallocarray(NULL, ui_colour_nthemes + 1, sizeof *ui_colour_themes);
	for (i = 0; i < ui_colour_nthemes; i++) {
		static const attr_t	 mono[] = {
			A_BOLD, A_UNDERLINE, A_REVERSE, A_BOLD | A_UNDERLINE,
			A_REVERSE | A_UNDERLINE, A_ITALIC, A_BOLD | A_ITALIC,
			A_UNDERLINE | A_ITALIC, A_REVERSE | A_ITALIC,
			A_BOLD | A_UNDERLINE | A_ITALIC,
			A_REVERSE | A_UNDERLINE | A_ITALIC,
			A_REVERSE | A_BOLD | A_ITALIC,
			A_REVERSE | A_BOLD | A_UNDERLINE
		};

		ui_colour_themes[i] = mono[i % (sizeof mono / sizeof mono[0])];
	}
	if (!colour)
		return;
	start_color();
	use_default_colors();
	if (COLORS >= 256)
		grey = 244;
	init_pair(1, COLOR_MAGENTA, -1);
	init_pair(2, grey, -1);
	init_pair(3, COLOR_CYAN, -1);
	init_pair(4, COLOR_RED, -1);
	init_pair(5, COLOR_WHITE, COLOR_BLUE);
	init_pair(6, COLOR_BLACK, COLOR_CYAN);
	ui_colour_attrs[UI_MARKER] = A_REVERSE | COLOR_PAIR(1);
	ui_colour_attrs[UI_CHROME] = COLOR_PAIR(2) | (COLORS >= 256 ? 0 : A_BOLD);
	ui_colour_attrs[UI_DIM] = ui_colour_attrs[UI_CHROME];
	ui_colour_attrs[UI_HKEY] = A_BOLD | COLOR_PAIR(3);
	ui_colour_attrs[UI_HVAL] = COLOR_PAIR(3);
	ui_colour_attrs[UI_ERROR] = A_BOLD | COLOR_PAIR(4);
	ui_colour_attrs[UI_HEADER_FOCUS] = A_BOLD | COLOR_PAIR(5);
	ui_colour_attrs[UI_STATUS] = COLOR_PAIR(6);
	ui_colour_attrs[UI_MESSAGE] = A_BOLD | COLOR_PAIR(6);
	for (i = 0; i < ui_colour_nthemes; i++) {
		int	 fg = ui_colour_number(&cfg->themes[i].colour);

		if (fg < 0 || COLOR_PAIRS <= 16 + (int)i)
			continue;
		init_pair((short)(16 + i), (short)fg, -1);
		/* Colour alone: bold as well would cost SSH bytes on every match. */
		ui_colour_themes[i] = COLOR_PAIR(16 + i);
	}
}

void
ui_colour_free(void)
{
	free(ui_colour_themes);
	ui_colour_themes = NULL;
	ui_colour_nthemes = 0;
}
