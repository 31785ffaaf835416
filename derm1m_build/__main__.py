from derm1m_build.cli import main

main()
