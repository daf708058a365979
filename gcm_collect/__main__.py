from gcm_collect.cli import main

main()
