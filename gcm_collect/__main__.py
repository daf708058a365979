from gcm_collect.launch import main

main()
