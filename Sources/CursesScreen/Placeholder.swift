// CursesScreen: placeholder until implemented.
