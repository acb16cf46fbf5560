from huoltamo_desktop.cli import main

raise SystemExit(main())
